package warn;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.runtime.BlockOn;

public class Cleanup {
    @Async
    static Future<String> fetch(Future<String> data, Future<Void> close) {
        try {
            return Future.ready("fetched: " + await(data));
        } finally {
            await(close);
        }
    }

    public static void main(String[] args) {
        System.out.println(BlockOn.blockOn(fetch(Future.ready("ok"), Future.ready(null))));
    }
}
