package io.sparkk8s.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValuesModelTest {

    private static final SparkProfile.Image IMAGE = new SparkProfile.Image("prom/statsd-exporter", "v0.28.0");

    @Nested
    class Images {
        @Test
        void aModelListsItsImagesInDeclarationOrder() {
            ValuesModel model = ValuesModel.builder()
                    .image("image")
                    .addAll(CommonValues.workload("the exporter", false, IMAGE, "50m", "128Mi"))
                    .image("sidecar.image")
                    .addAll(CommonValues.image("sidecar.image", "the sidecar", IMAGE))
                    .build();
            assertThat(model.images()).extracting(ImageValues::prefix).containsExactly("image", "sidecar.image");
            assertThat(model.images().get(1).repositoryPath()).isEqualTo("sidecar.image.repository");
            assertThat(model.images().get(1).tagPath()).isEqualTo("sidecar.image.tag");
        }

        @Test
        void anImageTagThatNoListedImageOwnsIsRefusedWithTheFix() {
            assertThatThrownBy(() -> ValuesModel.builder()
                            .addAll(CommonValues.workload("the exporter", false, IMAGE, "50m", "128Mi"))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'image.tag' is an image tag")
                    .hasMessageContaining("image(\"image\")");
        }

        @Test
        void aListedImageWithoutItsKeysIsRefused() {
            assertThatThrownBy(() -> ValuesModel.builder()
                            .image("image")
                            .add(Value.string("image.repository", "x/y", "Repository."))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image 'image' needs the values image.repository")
                    .hasMessageContaining("image.tag");
        }

        @Test
        void keyNamesAloneDoNotMakeAnImage() {
            // a free string named like a tag is no image tag and needs no image entry
            ValuesModel model = ValuesModel.builder()
                    .add(Value.string("image.repository", "x/y", "Repository."))
                    .add(Value.string("image.tag", "1", "Tag."))
                    .build();
            assertThat(model.images()).isEmpty();
        }

        @Test
        void anImageIsListedTwiceIsRefused() {
            assertThatThrownBy(() -> ValuesModel.builder()
                            .image("image")
                            .image("image")
                            .addAll(CommonValues.image("image", "x", IMAGE))
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("declared twice");
        }

        @Test
        void aLineKeepsTheImagesWhoseTagExistsOnIt() {
            ValuesModel model = ValuesModel.builder()
                    .image("image")
                    .addAll(CommonValues.image("image", "x", IMAGE))
                    .image("server")
                    .addAll(CommonValues.image("server", "the server", IMAGE).stream()
                            .map(v -> v.onlyOn(SparkLine.SPARK_3_5))
                            .toList())
                    .build();
            assertThat(model.on(SparkLine.SPARK_4_1).images())
                    .extracting(ImageValues::prefix)
                    .containsExactly("image");
            assertThat(model.on(SparkLine.SPARK_3_5).images())
                    .extracting(ImageValues::prefix)
                    .containsExactly("image", "server");
        }
    }

    @Nested
    class Formats {
        @Test
        void aFormatFixesThePatternAndSurvivesOtherRefinements() {
            Value tag = Value.string("image.tag", "1.0", "Tag.")
                    .format(ValueFormat.IMAGE_TAG)
                    .examples("2.0")
                    .onlyOn(SparkLine.SPARK_4_1)
                    .under("x");
            assertThat(tag.format()).isEqualTo(ValueFormat.IMAGE_TAG);
            assertThat(tag.pattern()).isEqualTo(CommonValues.TAG_CHARACTERS_PATTERN);
            assertThat(ValueFormat.IMAGE_TAG.maxLength()).isEqualTo(CommonValues.TAG_MAX_LENGTH);
            assertThat(ValueFormat.IMAGE_TAG.rejected()).containsExactly("latest");
        }

        /**
         * The tag format's pattern without a counted repetition, plus its maxLength, accepts exactly the strings
         * the counted pattern does (the schema writes the cheap pair; Helm compiles every pattern with RE2).
         */
        @Test
        void theTagCharactersAndMaxLengthAcceptWhatTheCountedPatternDoes() {
            java.util.regex.Pattern counted = java.util.regex.Pattern.compile(CommonValues.TAG_PATTERN);
            java.util.regex.Pattern characters = java.util.regex.Pattern.compile(ValueFormat.IMAGE_TAG.pattern());
            List<String> samples = new java.util.ArrayList<>(List.of(
                    "", "1", "_", ".", "-a", "4.1.2-scala2.13-java21-python3-ubuntu", "v1.0", "a b", "tag/x", "é1"));
            for (int n : new int[] {127, 128, 129, 200}) {
                samples.add("a".repeat(n));
                samples.add("1" + ".".repeat(n - 1));
                samples.add("a".repeat(n - 1) + "é");
            }
            for (String sample : samples) {
                boolean cheap = characters.matcher(sample).find()
                        && sample.codePointCount(0, sample.length()) <= ValueFormat.IMAGE_TAG.maxLength();
                assertThat(cheap)
                        .as("'%s' (%d characters)", sample, sample.length())
                        .isEqualTo(counted.matcher(sample).find());
            }
            assertThat(samples.stream().filter(t -> counted.matcher(t).find()))
                    .as("the samples hold accepted tags up to the limit")
                    .contains("a".repeat(128));
        }

        @Test
        void aFreePatternIsNoFormatEvenWithTheSameText() {
            Value text = Value.string("name", "", "Name.").pattern(CommonValues.NAME_PATTERN);
            assertThat(text.format()).isEqualTo(ValueFormat.FREE);
            assertThat(Value.string("name", "", "Name.")
                            .format(ValueFormat.DNS_NAME)
                            .pattern("^x$")
                            .format())
                    .isEqualTo(ValueFormat.FREE);
        }

        @Test
        void aFormatWithAnotherPatternIsRefused() {
            assertThatThrownBy(() -> new Value(
                            "tag",
                            ValueType.STRING,
                            "1",
                            "Tag.",
                            List.of(),
                            null,
                            null,
                            "^x$",
                            java.util.Set.of(),
                            List.of(),
                            "",
                            ValueFormat.IMAGE_TAG))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IMAGE_TAG");
        }
    }

    @Nested
    class ModelMaps {
        private final ValuesModel app = ValuesModel.builder()
                .add(Value.string("schedule", "", "Cron."))
                .add(Value.string("only41", "x", "On 4.1 only.").onlyOn(SparkLine.SPARK_4_1))
                .build();

        @Test
        void aModelMapKeepsItsEntryModelThroughEveryRefinement() {
            Value apps = Value.modelMap("apps", app, "One application.")
                    .examples(java.util.Map.of("nightly", java.util.Map.of()))
                    .under("jobs");
            assertThat(apps.type()).isEqualTo(ValueType.MODEL_MAP);
            assertThat(apps.type().isOpen()).isTrue();
            assertThat(apps.path()).isEqualTo("jobs.apps");
            assertThat(apps.entry()).isSameAs(app);
            assertThat(apps.defaultValue()).isEqualTo(java.util.Map.of());
        }

        @Test
        void anEntryModelIsGivenExactlyForAModelMap() {
            assertThatThrownBy(() -> new Value(
                            "apps",
                            ValueType.MODEL_MAP,
                            java.util.Map.of(),
                            "d",
                            List.of(),
                            null,
                            null,
                            null,
                            java.util.Set.of(),
                            List.of(),
                            "",
                            ValueFormat.FREE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Value.modelMap");
            assertThatThrownBy(() -> new Value(
                            "x",
                            ValueType.STRING,
                            "",
                            "d",
                            List.of(),
                            null,
                            null,
                            null,
                            java.util.Set.of(),
                            List.of(),
                            "",
                            ValueFormat.FREE,
                            app))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aLineKeepsTheEntryValuesOfThatLine() {
            ValuesModel model =
                    ValuesModel.builder().add(Value.modelMap("apps", app, "d")).build();
            assertThat(model.on(SparkLine.SPARK_3_5).values().get(0).entry().values())
                    .extracting(Value::path)
                    .containsExactly("schedule");
            assertThat(model.on(SparkLine.SPARK_4_1).values().get(0).entry().values())
                    .extracting(Value::path)
                    .containsExactly("schedule", "only41");
        }
    }

    @Nested
    class MaxLengths {
        @Test
        void aMaxLengthBesideAFreePatternSurvivesEveryRefinementAndTheLineView() {
            Value name = Value.string("database.name", "hive", "Database.")
                    .maxLength(63)
                    .pattern("^[a-z][a-z0-9_]*$")
                    .examples("hive")
                    .onlyOn(SparkLine.SPARK_4_1)
                    .under("x");
            assertThat(name.format()).isEqualTo(ValueFormat.FREE);
            assertThat(name.maxLength()).isEqualTo(63);
            ValuesModel model = ValuesModel.builder()
                    .add(Value.modelMap("apps", ValuesModel.builder().add(name).build(), "Apps."))
                    .build();
            assertThat(model.on(SparkLine.SPARK_4_1)
                            .values()
                            .get(0)
                            .entry()
                            .values()
                            .get(0)
                            .maxLength())
                    .isEqualTo(63);
        }

        @Test
        void aFormatBringsItsOwnLimitAndAFreePatternAfterItDropsIt() {
            Value tag = Value.string("tag", "1", "Tag.").maxLength(5).format(ValueFormat.IMAGE_TAG);
            assertThat(tag.maxLength()).isEqualTo(CommonValues.TAG_MAX_LENGTH);
            assertThat(tag.pattern("^x*$").maxLength())
                    .as("the format's limit is not the free pattern's")
                    .isZero();
            assertThat(Value.string("a", "", "A.").maxLength(7).pattern("^a*$").maxLength())
                    .as("a limit set before a free pattern stays")
                    .isEqualTo(7);
        }

        @Test
        void aLimitThatCannotHoldIsRefused() {
            assertThatThrownBy(() -> Value.string("a", "", "A.").maxLength(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1");
            assertThatThrownBy(() -> Value.string("a", "", "A.")
                            .format(ValueFormat.DNS_NAME)
                            .maxLength(10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DNS_NAME");
            assertThatThrownBy(() -> Value.integer("n", 1, "N.").maxLength(3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("strings only");
        }
    }
}
