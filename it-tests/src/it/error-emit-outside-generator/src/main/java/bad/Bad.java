package bad;

import static io.ferrite.Await.await;
import static io.ferrite.Await.emit;

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public class Bad {
    @Async
    Future<String> notAGenerator(Future<String> f) {
        String v = await(f);
        emit(v);
        return Future.ready(v);
    }
}
