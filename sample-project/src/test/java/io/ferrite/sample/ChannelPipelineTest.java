package io.ferrite.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelPipelineTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void run_should_deliver_every_item_in_order_and_make_the_producer_wait_when_the_channel_is_full() {
        ChannelPipeline.Outcome outcome = clock.run(report -> new ChannelPipeline(report).run());
        assertEquals(List.of("1^2=1", "2^2=4", "3^2=9", "4^2=16", "5^2=25"), outcome.consumed());
        assertTrue(outcome.producerWaits() > 0, "producer waits: " + outcome.producerWaits());
        assertTrue(clock.printed().contains("producer:    channel full, waiting to send 3"), clock.printed());
    }
}
