package inc;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Greeter {
    @Async
    static Future<String> greet(Future<String> name) {
        return Future.ready("hello " + await(name));
    }
}
