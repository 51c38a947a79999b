package io.ferrite.channel;

import io.ferrite.testing.Lincheck;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Linearizability of a oneshot channel's non-waiting operations. */
@Tag("stress")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class OneshotLincheckTest {

    // Lincheck cannot walk record fields, so the ends are kept apart.
    private final Oneshot.Sender<Integer> sender;
    private final Oneshot.Receiver<Integer> receiver;

    public OneshotLincheckTest() {
        Oneshot.Channel<Integer> channel = Oneshot.channel();
        sender = channel.sender();
        receiver = channel.receiver();
    }

    @Operation
    public String send(@Param(name = "value") int value) {
        return sender.send(value).status().name();
    }

    @Operation
    public void closeSender() {
        sender.close();
    }

    @Operation
    public boolean senderSeesClosed() {
        return sender.isClosed();
    }

    @Operation(nonParallelGroup = "receiver")
    public Integer tryRecv() {
        return receiver.tryRecv();
    }

    @Operation(nonParallelGroup = "receiver")
    public void closeReceiver() {
        receiver.close();
    }

    @Test
    void oneshot_should_be_linearizable_when_model_checked() {
        Lincheck.modelCheck(getClass());
    }

    @Test
    void oneshot_should_be_linearizable_when_stressed() {
        Lincheck.stress(getClass());
    }
}
