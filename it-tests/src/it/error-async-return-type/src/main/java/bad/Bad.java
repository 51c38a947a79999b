package bad;

import static io.ferrite.Await.await;

import io.ferrite.annotations.Async;
import java.util.concurrent.CompletableFuture;

public class Bad {
    @Async
    CompletableFuture<String> load(CompletableFuture<String> f) {
        return CompletableFuture.completedFuture(await(f));
    }
}
