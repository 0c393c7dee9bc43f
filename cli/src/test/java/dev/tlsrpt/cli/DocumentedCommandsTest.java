package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every {@code bin/tlsrpt ...} line in the README's and docs/deploy.md's code blocks parses as the command
 * says (picocli's own parsing, nothing runs): a documented option or command that does not exist fails here.
 * In a line, {@code [--x]} is an optional part (parsed as given) and {@code <name>} a value to fill in.
 */
class DocumentedCommandsTest {
    private static final List<String> DOCUMENTS = List.of("README.md", "docs/deploy.md");

    static Stream<String> documentedLines() throws IOException {
        Path root = repositoryRoot();
        List<String> lines = new ArrayList<>();
        for (String document : DOCUMENTS) {
            boolean inCode = false;
            StringBuilder continued = new StringBuilder();
            for (String line : Files.readAllLines(root.resolve(document))) {
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (!inCode) {
                    continue;
                }
                String text = line.strip();
                if (continued.length() > 0 || text.startsWith("bin/tlsrpt ")) {
                    boolean more = text.endsWith("\\");
                    continued.append(more ? text.substring(0, text.length() - 1) : text).append(' ');
                    if (!more) {
                        lines.add(document + ": " + continued.toString().strip());
                        continued.setLength(0);
                    }
                }
            }
        }
        assertThat(lines).as("documented command lines").hasSizeGreaterThan(10);
        return lines.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedLines")
    void documentedLine_parses(String documented) {
        String line = documented.substring(documented.indexOf(": ") + 2);
        List<String> words = words(line);
        assertThat(words.get(0)).isEqualTo("bin/tlsrpt");
        String[] args = words.subList(1, words.size()).toArray(String[]::new);

        assertThatCode(() -> Tlsrpt.commandLine().parseArgs(args)).as(documented).doesNotThrowAnyException();
    }

    /** Shell-like words: quotes group, a # after a space starts a comment, [ ] and <name> as the class says. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c) || c == '[' || c == ']') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words.stream().map(w -> w.matches("<[^>]+>") ? "x" : w).toList();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @org.junit.jupiter.api.Test
    void aDocumentedOptionThatDoesNotExist_isCaught() {
        assertThatCode(() -> Tlsrpt.commandLine().parseArgs(words("bin/tlsrpt status --day 2026-11-28 --zone x").subList(1, 6)
                .toArray(String[]::new))).isInstanceOf(CommandLine.ParameterException.class);
    }
}
