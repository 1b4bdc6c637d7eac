package io.vigil.simulator.formats;

import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import java.util.List;
import java.util.random.RandomGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * Picks, for each activity, one of the products that would log it and renders it in that
 * product's format, so siem.events carries a realistic mix. Product formats are twice as likely
 * as the canonical one; the choice is random per activity.
 */
public final class FormatMix {

    /** One rendered record: the format it is in and its compact JSON bytes. */
    public record Rendered(SourceFormat format, byte[] json) {}

    private final List<FormatWriter> writers;
    private final ObjectMapper mapper;
    private final RandomGenerator random;

    public FormatMix(ObjectMapper mapper, RandomGenerator random) {
        this(
                List.of(
                        new SuricataWriter(),
                        new ZeekWriter(),
                        new EcsWriter(),
                        new OcsfWriter(),
                        new WinSecWriter(),
                        new CanonicalWriter(mapper)),
                mapper,
                random);
    }

    FormatMix(List<FormatWriter> writers, ObjectMapper mapper, RandomGenerator random) {
        this.writers = List.copyOf(writers);
        this.mapper = mapper;
        this.random = random;
    }

    public Rendered render(Activity activity, Site site) {
        List<FormatWriter> candidates =
                writers.stream().filter(w -> w.supports(activity)).toList();
        int total = candidates.stream().mapToInt(FormatMix::weight).sum();
        int roll = random.nextInt(total);
        for (FormatWriter writer : candidates) {
            roll -= weight(writer);
            if (roll < 0) {
                return new Rendered(writer.format(), mapper.writeValueAsBytes(writer.write(activity, site)));
            }
        }
        throw new IllegalStateException("no writer for " + activity.kind());
    }

    private static int weight(FormatWriter writer) {
        return writer.format() == SourceFormat.CANONICAL ? 1 : 2;
    }
}
