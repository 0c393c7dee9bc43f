package dev.tlsrpt.cli;

import picocli.CommandLine.Option;

/** The stack's ResultShards: the commands that read a day's results query every shard. */
final class ShardOption {
    @Option(names = "--shards", defaultValue = "${env:TLSRPT_RESULT_SHARDS:-16}",
            description = "ResultShards of the stack (default: $TLSRPT_RESULT_SHARDS or ${DEFAULT-VALUE}).")
    int shards;
}
