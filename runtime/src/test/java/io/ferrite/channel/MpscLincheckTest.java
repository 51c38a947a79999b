package io.ferrite.channel;

import io.ferrite.testing.Lincheck;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Linearizability of a bounded mpsc channel with two senders; receiving ops stay on one thread. */
@Tag("stress")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class MpscLincheckTest {

    // Lincheck cannot walk record fields, so the ends are kept apart.
    private final Mpsc.Sender<Integer> first;
    private final Mpsc.Sender<Integer> second;
    private final Mpsc.Receiver<Integer> receiver;

    public MpscLincheckTest() {
        Mpsc.Channel<Integer> channel = Mpsc.channel(2);
        first = channel.sender();
        second = first.clone();
        receiver = channel.receiver();
    }

    @Operation
    public String trySend(@Param(name = "value") int value) {
        return first.trySend(value).status().name();
    }

    @Operation
    public String trySendSecond(@Param(name = "value") int value) {
        return second.trySend(value).status().name();
    }

    @Operation
    public void closeSecond() {
        second.close();
    }

    @Operation(nonParallelGroup = "consumer")
    public Integer tryRecv() {
        return receiver.tryRecv();
    }

    @Operation(nonParallelGroup = "consumer")
    public boolean isEnded() {
        return receiver.isEnded();
    }

    @Operation(nonParallelGroup = "consumer")
    public void closeReceiver() {
        receiver.close();
    }

    @Test
    void mpsc_should_be_linearizable_when_model_checked() {
        Lincheck.modelCheck(getClass());
    }

    @Test
    void mpsc_should_be_linearizable_when_stressed() {
        Lincheck.stress(getClass());
    }
}
