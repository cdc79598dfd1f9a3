package uk.cpis.fhir.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The implementation guide's examples ({@code implementation-guide/examples/}, packed on the classpath). */
public final class GuideExamples {

    private static final String ROOT = "implementation-guide/examples/";

    private GuideExamples() {}

    /** One example: its file name and its JSON text. */
    public record Example(String file, String json) {}

    /** Every valid example (the top folder). */
    public static List<Example> valid() {
        List<Example> examples = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:/" + ROOT + "*.json")) {
                examples.add(new Example(r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    /** The text of one example, by its path under {@code examples/}. */
    public static String read(String path) {
        try {
            return new ClassPathResource(ROOT + path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
