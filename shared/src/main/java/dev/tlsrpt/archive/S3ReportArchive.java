package dev.tlsrpt.archive;

import dev.tlsrpt.aws.SdkClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The archive in an S3 bucket of the stack (encrypted, public access blocked, expiry by lifecycle rule). */
public final class S3ReportArchive implements ReportArchive {
    /** Far above any report this service builds (a report holds at most a few MiB): a bound on what a read holds in memory. */
    static final long MAX_OBJECT_BYTES = 32L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;

    public S3ReportArchive(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** The S3 client as the other clients are built ({@link SdkClients#s3()}). */
    public static S3Client client() {
        return SdkClients.s3();
    }

    @Override
    public void put(String key, byte[] body, String contentType) {
        // SSE-S3 on every object as well as by the bucket's default, so a bucket made by hand is no weaker.
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType)
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(body));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            long size = s3.headObject(r -> r.bucket(bucket).key(key)).contentLength();
            if (size > MAX_OBJECT_BYTES) {
                throw new IllegalStateException("archived object " + key + " is " + size + " bytes, more than the "
                        + MAX_OBJECT_BYTES + " this reads");
            }
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) { // HEAD answers 404 without an error code
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ArchivedObject> list(String prefix) {
        List<ArchivedObject> objects = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            objects.add(new ArchivedObject(object.key(), object.size(), object.lastModified()));
        }
        return objects;
    }
}
