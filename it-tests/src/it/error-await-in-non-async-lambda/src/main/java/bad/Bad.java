package bad;

import static io.ferrite.Await.await;

import io.ferrite.Future;
import java.util.function.Supplier;

public class Bad {
    static Supplier<String> later(Future<String> f) {
        return () -> await(f);
    }
}
