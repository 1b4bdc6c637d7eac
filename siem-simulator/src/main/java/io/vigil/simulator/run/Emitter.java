package io.vigil.simulator.run;

import io.vigil.simulator.formats.FormatMix;
import io.vigil.simulator.kafka.EventSink;
import io.vigil.simulator.kafka.OutboundRecord;
import io.vigil.simulator.population.Site;
import io.vigil.simulator.traffic.Activity;
import java.util.Map;

/**
 * Renders each activity in one of the formats that would carry it and sends it, keyed
 * {@code tenant/entity} so one entity's events stay in one partition, in order, with the
 * {@code vigil-tenant} and {@code vigil-format} headers.
 */
final class Emitter {

    private final FormatMix mix;
    private final Map<String, Site> sites;
    private final EventSink sink;
    private final SendStats stats;

    Emitter(FormatMix mix, Map<String, Site> sites, EventSink sink, SendStats stats) {
        this.mix = mix;
        this.sites = Map.copyOf(sites);
        this.sink = sink;
        this.stats = stats;
    }

    void emit(Activity activity) {
        FormatMix.Rendered rendered = mix.render(activity, sites.get(activity.tenant()));
        String key = activity.tenant() + "/" + activity.primaryEntity();
        sink.send(
                new OutboundRecord(key, activity.tenant(), rendered.format().header(), rendered.json()), stats::failed);
        stats.sent(rendered.format(), activity.scenario() != null);
    }
}
