package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.api.BlockTemplateContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The block author's catalogue (docs/templates.md) cannot drift from the templates: it is rebuilt from them here,
 * every fragment reads only the contract's variables and the arguments its header declares, and every call of a
 * {@code sparkk8s.*} helper, in the engine's, the built-in blocks' and the example block's templates, passes the
 * named keys the helper's comment documents.
 */
class TemplateCatalogueTest {

    private static final List<Path> TEMPLATE_ROOTS = List.of(
            TemplateCatalogue.TEMPLATES,
            Path.of("../blocks/src/main/resources/io/sparkk8s/blocks"),
            Path.of("../examples/custom-block/src/main/resources/io/sparkk8s/examples"));
    private static final Pattern CALL = Pattern.compile("include \"(sparkk8s\\.\\w+)\" \\((dict|list) ");

    @Test
    void theCommittedCatalogueIsBuiltFromTheTemplates() throws IOException {
        String built = TemplateCatalogue.markdown();
        if (Boolean.getBoolean("sparkk8s.writeCatalogue")) {
            Files.writeString(TemplateCatalogue.DOC, built);
        }
        assertThat(Files.readString(TemplateCatalogue.DOC))
                .as("docs/templates.md differs from the templates; "
                        + "regenerate: mvn -o -q -pl generator-core test -Dtest=TemplateCatalogueTest "
                        + "-Dsparkk8s.writeCatalogue=true")
                .isEqualTo(built);
        assertThat(built)
                .contains(
                        "`endpointsById`",
                        "`filePrefix`",
                        "`ownEndpoints`",
                        "`pod-metadata.peb`",
                        "`sparkk8s.fullname` | dict: `context`, `component`");
    }

    @Test
    void aFragmentReadsOnlyTheContractAndTheArgumentsItDeclares() {
        Set<String> contract = Arrays.stream(BlockTemplateContext.class.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toSet());
        for (TemplateCatalogue.Fragment f : TemplateCatalogue.fragments()) {
            Set<String> read = TemplateCatalogue.readVariables(f.text());
            Set<String> undeclared = new TreeSet<>(read);
            undeclared.removeAll(contract);
            undeclared.removeAll(f.arguments());
            assertThat(undeclared)
                    .as("%s reads variables neither in BlockTemplateContext nor in its Arguments", f.name())
                    .isEmpty();
            assertThat(read)
                    .as("%s declares arguments it never reads", f.name())
                    .containsAll(f.arguments());
        }
    }

    @Test
    void aVariableAFragmentDoesNotDeclareIsFound() {
        // a planted defect: a fragment reading `podName`, which neither the contract nor its header declares
        String text = "{## x.\n    Arguments: `podComponent`. ##}    name: {= podName =}-{= podComponent =}-{= id =}";
        assertThat(TemplateCatalogue.readVariables(text)).containsExactly("podName", "podComponent", "id");
    }

    @Test
    void everyHelperCallPassesTheNamedKeysItsCommentDocuments() {
        Map<String, List<String>> documented = TemplateCatalogue.helpers().stream()
                .collect(Collectors.toMap(TemplateCatalogue.Helper::name, TemplateCatalogue.Helper::dictKeys));
        assertThat(documented).containsKeys("sparkk8s.fullname", "sparkk8s.labels", "sparkk8s.podSecurityContext");
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Path root : TEMPLATE_ROOTS) {
            for (Path file : files(root)) {
                for (Call call : calls(TemplateCatalogue.read(file))) {
                    calls++;
                    wrong.addAll(check(call, documented, file.toString()));
                }
            }
        }
        assertThat(calls).as("helper calls found").isGreaterThan(200);
        assertThat(wrong).isEmpty();
    }

    @Test
    void aCallWithAListOrAnUndocumentedKeyIsFound() {
        Map<String, List<String>> documented = Map.of("sparkk8s.fullname", List.of("context", "component"));
        List<String> wrong = new ArrayList<>();
        for (Call call : calls("{{ include \"sparkk8s.fullname\" (list . \"connect\") }} "
                + "{{ include \"sparkk8s.fullname\" (dict \"context\" . \"name\" \"connect\") }}")) {
            wrong.addAll(check(call, documented, "planted"));
        }
        assertThat(wrong).hasSize(2);
        assertThat(wrong.get(0)).contains("(list");
        assertThat(wrong.get(1)).contains("[context, name]").contains("[context, component]");
    }

    record Call(String helper, String kind, List<String> args, String text) {}

    private static List<String> check(Call call, Map<String, List<String>> documented, String where) {
        List<String> keys = documented.get(call.helper());
        if (keys == null) {
            return List.of(where + ": " + call.text() + " calls an undocumented helper");
        }
        if (call.kind().equals("list")) {
            return List.of(
                    where + ": " + call.text() + " passes a (list …); " + call.helper() + " takes (dict " + keys + ")");
        }
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < call.args().size(); i += 2) {
            passed.add(call.args().get(i).replace("\"", ""));
        }
        return new TreeSet<>(passed).equals(new TreeSet<>(keys))
                ? List.of()
                : List.of(where + ": " + call.text() + " passes keys " + passed + ", " + call.helper() + " documents "
                        + keys);
    }

    /** The helper calls with a (dict …) or (list …) argument, split into top-level arguments. */
    static List<Call> calls(String text) {
        List<Call> out = new ArrayList<>();
        Matcher m = CALL.matcher(text);
        while (m.find()) {
            List<String> args = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            int depth = 0;
            int j = m.end();
            for (; j < text.length(); j++) {
                char c = text.charAt(j);
                if (text.startsWith("{=", j)) {
                    int end = text.indexOf("=}", j) + 2;
                    cur.append(text, j, end);
                    j = end - 1;
                } else if (c == '"') {
                    int end = j + 1;
                    while (text.charAt(end) != '"') {
                        end += text.charAt(end) == '\\' ? 2 : 1;
                    }
                    cur.append(text, j, end + 1);
                    j = end;
                } else if (c == '(') {
                    depth++;
                    cur.append(c);
                } else if (c == ')' && depth == 0) {
                    break;
                } else if (c == ')') {
                    depth--;
                    cur.append(c);
                } else if (c == ' ' && depth == 0) {
                    if (cur.length() > 0) {
                        args.add(cur.toString());
                        cur.setLength(0);
                    }
                } else {
                    cur.append(c);
                }
            }
            if (cur.length() > 0) {
                args.add(cur.toString());
            }
            out.add(new Call(m.group(1), m.group(2), args, text.substring(m.start(), Math.min(j + 1, text.length()))));
        }
        return out;
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(yaml|peb|tpl|txt)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
