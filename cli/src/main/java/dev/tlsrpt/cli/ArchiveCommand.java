package dev.tlsrpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tlsrpt.archive.ArchiveKeys;
import dev.tlsrpt.archive.ArchivedReport;
import dev.tlsrpt.archive.ReportArchive;
import dev.tlsrpt.archive.S3ReportArchive;
import dev.tlsrpt.tlsrpt.Json;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * {@code tlsrpt archive list|get}: the exact message or POST body each target was sent, and the report JSON
 * inside it (docs/dashboard.md).
 */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "List and fetch the archived reports: the exact message or POST body sent, or the report JSON in it.",
        subcommands = {ArchiveCommand.ListCommand.class, ArchiveCommand.GetCommand.class})
final class ArchiveCommand {

    /** Which bucket: given, or the stack's, whose name template.yaml makes from the stack, account and region. */
    static final class BucketOption {
        @Option(names = "--archive-bucket", defaultValue = "${env:TLSRPT_ARCHIVE_BUCKET}",
                description = "The archive bucket (default: the stack's, from its settings).")
        String bucket;

        ReportArchive archive(AwsOptions aws) {
            return archive(aws, aws.settings());
        }

        ReportArchive archive(AwsOptions aws, StackSettings stack) {
            if (bucket == null || bucket.isBlank()) {
                bucket = stack.archiveBucket();
            }
            return new S3ReportArchive(aws.s3(), bucket);
        }

        /** For {@code tlsrpt local}: the local stack's bucket, created in the emulator if missing. */
        ReportArchive createInEmulator(AwsOptions aws, StackSettings stack) {
            ReportArchive archive = archive(aws, stack);
            try {
                aws.s3().createBucket(r -> r.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException exists) {
                // a second run against the same emulator
            }
            return archive;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the archived objects of a day.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Mixin BucketOption bucket;
        @Spec CommandSpec spec;

        @Option(names = "--day", required = true, description = "The UTC day of the data, e.g. 2026-11-28.")
        LocalDate day;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<ReportArchive.ArchivedObject> objects = bucket.archive(aws).list(ArchiveKeys.dayPrefix(day));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                for (ReportArchive.ArchivedObject object : objects) {
                    var node = array.addObject().put("key", object.key()).put("size", object.size())
                            .put("lastModified", object.lastModified().toString());
                    ArchiveKeys.parse(object.key()).ifPresent(entry -> {
                        node.put("kind", entry.job().kind().name()).put("domain", entry.job().domain());
                        if (entry.target() != null) {
                            node.put("target", entry.target());
                        }
                    });
                }
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
                return 0;
            }
            out.printf("%-5s %-36s %-44s %9s  %s%n", "KIND", "DESTINATION", "WHAT", "BYTES", "KEY");
            for (ReportArchive.ArchivedObject object : objects) {
                Optional<ArchiveKeys.Entry> entry = ArchiveKeys.parse(object.key());
                out.printf("%-5s %-36s %-44s %9d  %s%n", entry.map(e -> e.job().kind().tag()).orElse("?"),
                        LookupCommand.printable(entry.map(e -> e.job().domain()).orElse("?")),
                        LookupCommand.printable(entry.map(e -> e.target() == null ? "report" : e.target()).orElse("?")),
                        object.size(), LookupCommand.printable(object.key()));
            }
            if (objects.isEmpty()) {
                out.println("(nothing archived for " + day + ")");
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Fetch one archived object (a key from `archive list`), or with --report the report JSON in it.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:fetched", "1:failed, no such object, or (--report) no report in it", "2:bad usage (not an archive key)"})
    static final class GetCommand implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Mixin BucketOption bucket;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY",
                description = "The object's key, e.g. reports/2026-11-28/rcpt/example.com/mailto%%3Atls%%40example.com.eml.")
        String key;

        @Option(names = "--report", description = "Write the report JSON the message or POST body carries instead of its bytes.")
        boolean report;

        @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output.")
        Path output;

        @Override
        public Integer call() throws Exception {
            if (ArchiveKeys.parse(key).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "KEY: not an archive key: " + LookupCommand.printable(key));
            }
            Optional<byte[]> object = bucket.archive(aws).get(key);
            if (object.isEmpty()) {
                spec.commandLine().getErr().println("error: nothing archived under " + LookupCommand.printable(key));
                return 1;
            }
            byte[] bytes = object.get();
            if (report) {
                try {
                    bytes = ArchivedReport.json(key, bytes);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("error: no report in " + LookupCommand.printable(key) + ": "
                            + LookupCommand.printable(e.getMessage()));
                    return 1;
                }
            }
            if (output != null) {
                Files.write(output, bytes);
                return 0;
            }
            OutputStream out = System.out;
            out.write(bytes);
            out.flush();
            return 0;
        }
    }
}
