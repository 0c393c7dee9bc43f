package dev.tlsrpt.cli;

import dev.tlsrpt.archive.S3ReportArchive;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Where the commands reach AWS: the default credential chain and region unless given here; the emulator
 * through the SDK's own AWS_ENDPOINT_URL. Table names follow the stack name, as template.yaml sets them.
 */
final class AwsOptions {
    @Option(names = "--region", description = "AWS region (default: the SDK's, e.g. AWS_REGION).")
    String region;

    @Option(names = "--profile", description = "Profile from the AWS config files.")
    String profile;

    @Option(names = "--stack", defaultValue = "${env:TLSRPT_STACK:-tlsrpt}",
            description = "Name of the deployed stack; tables are named <stack>-results, <stack>-tokens, ... (default: ${DEFAULT-VALUE}).")
    String stack;

    DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    S3Client s3() {
        return configure(S3Client.builder()).forcePathStyle(S3ReportArchive.endpointOverridden()).build();
    }

    StsClient sts() {
        return configure(StsClient.builder()).build();
    }

    /** Any SDK client as these options say: the one HTTP client, and region and profile when given. */
    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (profile != null) {
            builder.credentialsProvider(ProfileCredentialsProvider.create(profile));
        }
        return builder;
    }

    String table(String suffix) {
        return stack + "-" + suffix;
    }
}
