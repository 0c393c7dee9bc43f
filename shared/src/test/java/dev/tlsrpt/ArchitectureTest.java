package dev.tlsrpt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The package rules of docs/design.md section 1: the RFC core at the bottom, free of AWS and of the
 * services above it; no cycle between any two packages; and a Lambda module is a leaf that no other
 * module depends on.
 */
class ArchitectureTest {
    private static JavaClasses shared;

    @BeforeAll
    static void importShared() {
        shared = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tlsrpt");
    }

    @Test
    void packages_shouldBeFreeOfCycles() {
        slices().matching("dev.tlsrpt.(**)").should().beFreeOfCycles().check(shared);
    }

    @Test
    void rfcCore_shouldDependOnNoServiceAdapterOrAws() {
        noClasses().that().resideInAPackage("dev.tlsrpt.tlsrpt..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tlsrpt.ingest..", "dev.tlsrpt.store..", "dev.tlsrpt.send..", "dev.tlsrpt.dns..",
                        "dev.tlsrpt.mail..", "dev.tlsrpt.auth..", "dev.tlsrpt.local..", "dev.tlsrpt.suppression..",
                        "software.amazon..", "com.amazonaws..")
                .check(shared);
    }

    @Test
    void servicesAndPorts_shouldNotDependOnAdapters() {
        noClasses().that().resideInAnyPackage("dev.tlsrpt.ingest", "dev.tlsrpt.send", "dev.tlsrpt.store",
                        "dev.tlsrpt.suppression", "dev.tlsrpt.auth")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tlsrpt.store.dynamodb..",
                        "dev.tlsrpt.send.ses..", "dev.tlsrpt.send.sqs..", "dev.tlsrpt.send.https..",
                        "dev.tlsrpt.send.events..", "software.amazon.awssdk.services..")
                .check(shared);
    }

    @Test
    void functionModules_shouldBeLeaves() throws Exception {
        // The project root: the folder that holds events/ (the build passes its path to the tests).
        Path root = Path.of(System.getProperty("tlsrpt.events", "../events")).toAbsolutePath().getParent();
        List<Path> poms;
        try (Stream<Path> found = Files.walk(root, 3)) {
            poms = found.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("target")).toList();
        }
        // A Lambda function module is a folder under functions/ with the Makefile sam build calls (the template's
        // CodeUri); functions/logging, what they all log with, is a library they share.
        List<String> functionArtifacts = new ArrayList<>();
        for (Path pom : poms) {
            if (pom.getParent().getParent().getFileName().toString().equals("functions")
                    && Files.exists(pom.resolveSibling("Makefile"))) {
                functionArtifacts.add(child(project(pom), "artifactId").getTextContent());
            }
        }
        assertThat(functionArtifacts).hasSizeGreaterThanOrEqualTo(4);
        List<String> violations = new ArrayList<>();
        for (Path pom : poms) {
            Element dependencies = child(project(pom), "dependencies");
            for (Node n = dependencies == null ? null : dependencies.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element dependency
                        && functionArtifacts.contains(child(dependency, "artifactId").getTextContent())
                        && !deploymentArtifactForTests(dependency)) {
                    violations.add(root.relativize(pom) + " depends on " + child(dependency, "artifactId").getTextContent());
                }
            }
        }
        assertThat(violations).as("modules depending on a Lambda function module").isEmpty();
    }

    // The runtime test takes a function's deployment jar as a file (classifier "lambda", kept off its class
    // path) and runs it as Lambda does: it depends on the artifact, not on the code.
    private static boolean deploymentArtifactForTests(Element dependency) {
        Element scope = child(dependency, "scope");
        Element classifier = child(dependency, "classifier");
        return scope != null && scope.getTextContent().equals("test")
                && classifier != null && classifier.getTextContent().equals("lambda");
    }

    private static Element project(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
