package bad;

import static io.ferrite.Await.await;

import io.ferrite.Await;
import io.ferrite.Future;
import java.util.function.Function;

public class Bad {
    static Function<Future<String>, String> awaiter() {
        Function<Future<String>, String> awaiter =
                Await::await;
        return awaiter;
    }
}
