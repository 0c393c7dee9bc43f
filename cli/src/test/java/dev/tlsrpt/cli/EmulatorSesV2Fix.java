package dev.tlsrpt.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetRequest;

/**
 * The emulator (moto) answers SESv2 GetConfigurationSet with {@code "SendingEnabled": {}} instead of a
 * boolean, which the SDK cannot read; real SES sends a boolean. Registered for the tests only
 * (test resources' execution.interceptors), it puts the boolean back and touches no other response.
 */
public final class EmulatorSesV2Fix implements ExecutionInterceptor {
    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof GetConfigurationSetRequest) || context.responseBody().isEmpty()) {
            return context.responseBody();
        }
        try (InputStream in = context.responseBody().get()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("\"SendingEnabled\":\\s*\\{[^}]*}", "\"SendingEnabled\": true");
            return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
