package io.sparkk8s.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkk8s.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetCatalogTest {

    @TempDir
    Path catalog;

    private void preset(String file, String name) throws IOException {
        Files.createDirectories(catalog.resolve("presets"));
        Files.writeString(
                catalog.resolve("presets/" + file),
                "name: " + name + "\ndescription: A preset used by " + "the tests.\nlines: [\"4.1\"]\nvalues: {}\n");
    }

    @Test
    void ymlPresetsArePickedUpBesideYamlOnes() throws IOException {
        preset("one.yaml", "one");
        preset("two.yml", "two");
        Files.writeString(catalog.resolve("presets/README.md"), "not a preset");

        assertThat(PresetCatalog.load(catalog).all()).extracting(Preset::name).containsExactly("one", "two");
    }

    @Test
    void theSamePresetInAYamlAndAYmlFileIsAnError() throws IOException {
        preset("one.yaml", "one");
        preset("one.yml", "one");

        assertThatThrownBy(() -> PresetCatalog.load(catalog))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("presets/one.yml")
                .hasMessageContaining("defined twice")
                .hasMessageContaining("presets/one.yaml");
    }
}
