package io.vigil.simulator.formats;

import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import tools.jackson.databind.node.ObjectNode;

/** Renders activities as the JSON one security product writes, field for field. */
public interface FormatWriter {

    SourceFormat format();

    /** Whether this product would ever log such an activity (Zeek sees no Windows process starts). */
    boolean supports(Activity activity);

    /** The product's JSON record for {@code activity}; only called when {@link #supports} is true. */
    ObjectNode write(Activity activity, Site site);
}
