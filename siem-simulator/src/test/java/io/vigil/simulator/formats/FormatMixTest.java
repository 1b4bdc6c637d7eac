package io.vigil.simulator.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.event.Outcome;
import io.vigil.simulator.Activities;
import io.vigil.simulator.traffic.Activity;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FormatMixTest {

    private final FormatMix mix = new FormatMix(JsonMapper.builder().build(), new Random(7));

    @Test
    void everyFormatShowsUpInAMixOfActivities() {
        List<Activity> activities = List.of(
                Activities.flow(),
                Activities.idsAlert(),
                Activities.dns(),
                Activities.processStart(),
                Activities.windowsLogon(Outcome.SUCCESS),
                Activities.sshLogon(Outcome.FAILURE),
                Activities.notice(),
                Activities.userCreated());
        Set<SourceFormat> seen = EnumSet.noneOf(SourceFormat.class);
        for (int i = 0; i < 200; i++) {
            for (Activity activity : activities) {
                seen.add(mix.render(activity, Activities.SITE).format());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(SourceFormat.values());
    }

    @Test
    void anActivityIsOnlyRenderedByProductsThatLogIt() {
        Set<SourceFormat> seen = EnumSet.noneOf(SourceFormat.class);
        for (int i = 0; i < 200; i++) {
            FormatMix.Rendered rendered = mix.render(Activities.processStart(), Activities.SITE);
            seen.add(rendered.format());
            assertThat(rendered.json()).isNotEmpty();
        }
        assertThat(seen).containsExactlyInAnyOrder(SourceFormat.WINSEC, SourceFormat.ECS, SourceFormat.CANONICAL);
    }
}
