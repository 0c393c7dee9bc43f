package dev.tlsrpt.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The functions of template.yaml as Lambda would configure them: handler, code location, memory and the
 * environment (Globals merged with the function's own), with every intrinsic resolved: parameters to the
 * test's values or their defaults, resources to the names the test gave them in the emulator. Anything
 * the reader cannot resolve fails the test, so the template cannot drift from what is run here.
 */
final class SamFunctions {
    /** A CloudFormation short-form intrinsic ({@code !Ref X}, {@code !Sub ...}, {@code !FindInMap [...]}). */
    record Intrinsic(String name, Object argument) {
    }

    /** One function as the runtime sees it. */
    record FunctionConfig(String logicalId, String handler, Path codeUri, int memoryMb, Map<String, String> environment,
                          String logFormat, String applicationLogLevel) {
    }

    private final Map<String, Object> template;
    private final Map<String, String> parameterValues;
    private final Function<String, String> resourceRef;
    private final String stackName;
    private final Path root;

    /**
     * @param parameterValues parameters the test sets; the others take their template default
     * @param resourceRef     the value of {@code !Ref <resource>} in the emulator (table name, queue URL, ...)
     */
    SamFunctions(Path root, String stackName, Map<String, String> parameterValues, Function<String, String> resourceRef) {
        this.root = root;
        this.stackName = stackName;
        this.parameterValues = parameterValues;
        this.resourceRef = resourceRef;
        this.template = load(root.resolve("template.yaml"));
    }

    FunctionConfig function(String logicalId) {
        Map<String, Object> resource = map(map(template.get("Resources")).get(logicalId));
        if (resource == null || !"AWS::Serverless::Function".equals(resource.get("Type"))) {
            throw new AssertionError("template.yaml has no function " + logicalId);
        }
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> properties = map(resource.get("Properties"));
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> level : List.of(globals, properties)) {
            Map<String, Object> variables = map(map(level.get("Environment")).get("Variables"));
            variables.forEach((name, value) -> environment.put(name, resolve(value)));
        }
        Map<String, Object> logging = new LinkedHashMap<>(map(globals.get("LoggingConfig")));
        logging.putAll(map(properties.get("LoggingConfig")));
        return new FunctionConfig(logicalId,
                resolve(properties.getOrDefault("Handler", globals.get("Handler"))),
                root.resolve(resolve(properties.get("CodeUri"))),
                Integer.parseInt(resolve(properties.getOrDefault("MemorySize", globals.get("MemorySize")))),
                environment,
                logging.containsKey("LogFormat") ? resolve(logging.get("LogFormat")) : "Text",
                logging.containsKey("ApplicationLogLevel") ? resolve(logging.get("ApplicationLogLevel")) : "INFO");
    }

    /** The function's Architectures (its own, else Globals'; Lambda's default is x86_64). */
    List<String> architectures(String logicalId) {
        Map<String, Object> properties = map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
        Object architectures = properties.getOrDefault("Architectures",
                map(map(template.get("Globals")).get("Function")).getOrDefault("Architectures", List.of("x86_64")));
        return ((List<?>) architectures).stream().map(this::resolve).toList();
    }

    /** The {@code !Sub} of resource property {@code property} (e.g. a table's TableName). */
    String resourceProperty(String logicalId, String property) {
        return resolve(map(map(map(template.get("Resources")).get(logicalId)).get("Properties")).get(property));
    }

    private String resolve(Object value) {
        if (value == null) {
            throw new AssertionError("a required template value is missing");
        }
        if (!(value instanceof Intrinsic intrinsic)) {
            return String.valueOf(value);
        }
        return switch (intrinsic.name()) {
            case "!Ref" -> ref((String) intrinsic.argument());
            case "!Sub" -> sub((String) intrinsic.argument());
            case "!FindInMap" -> {
                List<?> path = (List<?>) intrinsic.argument();
                Map<String, Object> table = map(map(template.get("Mappings")).get(resolve(path.get(0))));
                Object found = map(table.get(resolve(path.get(1)))).get(resolve(path.get(2)));
                if (found == null) {
                    throw new AssertionError("template.yaml: !FindInMap " + path + " finds nothing");
                }
                yield String.valueOf(found);
            }
            default -> throw new AssertionError("template.yaml: " + intrinsic.name() + " in an environment variable is not resolved by this test");
        };
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::StackName":
                return stackName;
            case "AWS::Region":
                return "us-east-1";
            case "AWS::AccountId":
                return "123456789012";
            default:
                break;
        }
        Map<String, Object> parameter = map(map(template.get("Parameters")).get(name));
        if (!parameter.isEmpty()) {
            if (parameterValues.containsKey(name)) {
                return parameterValues.get(name);
            }
            if (!parameter.containsKey("Default")) {
                throw new AssertionError("template.yaml: parameter " + name + " has no default and the test sets none");
            }
            return String.valueOf(parameter.get("Default"));
        }
        if (map(template.get("Resources")).containsKey(name)) {
            return resourceRef.apply(name);
        }
        throw new AssertionError("template.yaml: !Ref " + name + " names neither a parameter nor a resource");
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private String sub(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(ref(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> load(Path file) {
        LoaderOptions options = new LoaderOptions();
        SafeConstructor constructor = new SafeConstructor(options) {
            {
                for (String tag : List.of("!Ref", "!Sub", "!GetAtt", "!FindInMap", "!If", "!Equals", "!Not", "!Join",
                        "!Select", "!Split", "!GetAZs", "!ImportValue", "!Base64", "!Condition", "!And", "!Or")) {
                    yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                        @Override
                        public Object construct(Node node) {
                            Object argument = switch (node) {
                                case ScalarNode scalar -> scalar.getValue();
                                case SequenceNode sequence -> constructSequence(sequence);
                                default -> constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                            };
                            return new Intrinsic(tag, argument);
                        }
                    });
                }
            }
        };
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(constructor).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
