package modular;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import java.util.concurrent.CompletionStage;

public class Orders {

    @Async
    static Future<Integer> price(Future<Integer> base, CompletionStage<Integer> tax) {
        int b = await(base);
        int t = await(tax);
        return Future.ready(b + t);
    }
}
