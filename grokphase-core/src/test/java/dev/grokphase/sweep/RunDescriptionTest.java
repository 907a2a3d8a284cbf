package dev.grokphase.sweep;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunDescriptionTest {

    @Test
    void keyDependsOnContentNotOnInsertionOrderOrNumberSpelling() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("sigma2", 0.15);
        a.put("N", 700);
        a.put("n", 3000);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("n", 3000L);
        b.put("N", 700.0);
        b.put("sigma2", 0.15);
        assertThat(RunDescription.of("train cubic", a).key()).isEqualTo(RunDescription.of("train  cubic", b).key());
        // N (width) and n (data) are different options: swapping their values is a different run.
        Map<String, Object> c = new LinkedHashMap<>(a);
        c.put("N", 3000);
        c.put("n", 700);
        assertThat(RunDescription.of("train cubic", c).key()).isNotEqualTo(RunDescription.of("train cubic", a).key());
        assertThat(RunDescription.of("train modular", a).key()).startsWith("train-modular-").hasSize("train-modular-".length() + 16);
    }

    @Test
    void survivesJavaSerialisationWithTheSameKey() throws Exception {
        RunDescription d = RunDescription.of("train cubic", Map.of("sigma2", 0.1, "grid", List.of(1, 2), "profile", true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        RunDescription back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (RunDescription) in.readObject();
        }
        assertThat(back).isEqualTo(d);
        assertThat(back.key()).isEqualTo(d.key());
    }

    @Test
    void argumentsSpellEveryOptionAsTheCliReadsIt() {
        RunDescription d = RunDescription.of("theory modular", Map.of("sigma-a2", 0.000002, "P", 401, "profile", true,
                "sigma2", "0.1:0.2:0.01", "transition", false));
        assertThat(d.toArgs()).containsExactly("theory", "modular", "--P", "401", "--profile",
                "--sigma-a2", "0.000002", "--sigma2", "0.1:0.2:0.01");
    }
}
