package io.ferrite.channel;

import io.ferrite.testing.Lincheck;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of a broadcast channel of capacity 2 with two receivers, each receiver's
 * operations on one thread; lagging is part of the checked behaviour.
 */
@Tag("stress")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class BroadcastLincheckTest {

    // Lincheck cannot walk record fields, so the ends are kept apart.
    private final Broadcast.Sender<Integer> sender;
    private final Broadcast.Receiver<Integer> first;
    private final Broadcast.Receiver<Integer> other;

    public BroadcastLincheckTest() {
        Broadcast.Channel<Integer> channel = Broadcast.channel(2);
        sender = channel.sender();
        first = channel.receiver();
        other = sender.subscribe();
    }

    @Operation
    public String send(@Param(name = "value") int value) {
        return sender.send(value).status().name();
    }

    @Operation(nonParallelGroup = "first")
    public Integer tryRecvFirst() {
        return first.tryRecv();
    }

    @Operation(nonParallelGroup = "second")
    public Integer tryRecvSecond() {
        return other.tryRecv();
    }

    @Operation(nonParallelGroup = "second")
    public void closeSecond() {
        other.close();
    }

    @Operation
    public int receiverCount() {
        return sender.receiverCount();
    }

    @Test
    void broadcast_should_be_linearizable_when_model_checked() {
        Lincheck.modelCheck(getClass());
    }

    @Test
    void broadcast_should_be_linearizable_when_stressed() {
        Lincheck.stress(getClass());
    }
}
