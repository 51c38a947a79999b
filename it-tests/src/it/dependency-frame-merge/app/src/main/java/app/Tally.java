package app;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import shapes.Counted;

/**
 * Uses protected members inherited from a class of the shapes jar, in another package: its state
 * machine is not a subclass, so the transformer must read Counted from the jar to give Tally
 * accessors for them.
 */
public class Tally extends Counted {

    @Async
    Future<String> bump(Future<Integer> by) {
        count += await(by);
        return Future.ready(tag() + " " + count);
    }
}
