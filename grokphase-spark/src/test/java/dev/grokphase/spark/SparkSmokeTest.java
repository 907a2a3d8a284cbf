package dev.grokphase.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SparkSmokeTest {
    @Test
    void localContextRunsWithOurJackson() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("smoke").set("spark.ui.enabled", "false");
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            long sum = jsc.parallelize(List.of(1, 2, 3, 4), 4).map(x -> (long) x * x).reduce(Long::sum);
            assertThat(sum).isEqualTo(30L);
            assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo("2.15.4");
        }
    }
}
