package bad;

import static io.ferrite.Await.await;

import io.ferrite.Future;

public class Bad {
    static String fetch(Future<String> f) {
        return await(f);
    }
}
