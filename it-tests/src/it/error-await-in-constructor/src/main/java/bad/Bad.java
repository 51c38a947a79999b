package bad;

import static io.ferrite.Await.await;

import io.ferrite.Future;

public class Bad {
    private final String value;

    Bad(Future<String> f) {
        this.value = await(f);
    }
}
