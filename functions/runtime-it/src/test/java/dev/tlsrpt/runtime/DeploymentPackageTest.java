package dev.tlsrpt.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What sam build packages for a function matches the template's declaration of where it runs. */
class DeploymentPackageTest {
    private static final Path ROOT = Path.of(System.getProperty("tlsrpt.root", "../..")).toAbsolutePath().normalize();
    private static final Pattern CLASSIFIER = Pattern.compile("-Daccp\\.classifier=(\\S+)");
    /** The signing provider's native library, per Lambda architecture. */
    private static final Map<String, String> NATIVE_FOR = Map.of("arm64", "linux-aarch_64", "x86_64", "linux-x86_64");

    @Test
    void worker_shouldCarryTheSigningLibraryBuiltForItsArchitecture() throws Exception {
        // GIVEN the worker as the template declares it
        SamFunctions template = new SamFunctions(ROOT, "tlsrpt", Map.of("SubmitterDomain", "sender.example"), name -> name);
        SamFunctions.FunctionConfig worker = template.function("ReportWorkerFunction");

        // WHEN make says what sam build would run
        String commands = LambdaProcess.buildCommands(worker);

        // THEN the jar is built with the native library of the one architecture the function runs on; another
        // one would not load, and DKIM would sign at four times the CPU
        List<String> architectures = template.architectures("ReportWorkerFunction");
        assertThat(architectures).hasSize(1);
        Matcher classifier = CLASSIFIER.matcher(commands);
        assertThat(classifier.find()).as(commands).isTrue();
        assertThat(classifier.group(1)).isEqualTo(NATIVE_FOR.get(architectures.get(0)));
    }
}
