package dev.tlsrpt.cli;

import dev.tlsrpt.aws.SdkClients;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the commands reach AWS: the default credential chain and region unless given here; the emulator
 * through the SDK's own AWS_ENDPOINT_URL. What the stack is made of (tables, queue, shards) comes from
 * its settings item in SSM ({@link StackSettings}), never from a guess.
 */
final class AwsOptions {
    @Option(names = "--region", description = "AWS region (default: the SDK's, e.g. AWS_REGION).")
    String region;

    @Option(names = "--profile", description = "Profile from the AWS config files.")
    String profile;

    @Option(names = "--stack", defaultValue = "${env:TLSRPT_STACK:-tlsrpt}",
            description = "Name of the deployed stack, whose settings are the SSM parameter /<stack>/settings "
                    + "(default: $TLSRPT_STACK or ${DEFAULT-VALUE}).")
    String stack;

    private StackSettings settings;

    /** The stack's settings, read once; refuses (exit 5) when the stack wrote none. */
    StackSettings settings() {
        if (settings == null) {
            try (SsmClient ssm = ssm()) {
                settings = StackSettings.load(ssm, stack);
            }
        }
        return settings;
    }

    DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    SsmClient ssm() {
        return configure(SsmClient.builder()).build();
    }

    SesV2Client sesV2() {
        return configure(SesV2Client.builder()).build();
    }

    LambdaClient lambda() {
        return configure(LambdaClient.builder()).build();
    }

    S3Client s3() {
        return configure(S3Client.builder()).forcePathStyle(SdkClients.endpointOverridden()).build();
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

    /** A table of the local stack that {@code tlsrpt local} creates (named as template.yaml names them). */
    String table(String suffix) {
        return stack + "-" + suffix;
    }
}
