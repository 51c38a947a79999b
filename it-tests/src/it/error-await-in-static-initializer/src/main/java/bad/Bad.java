package bad;

import static io.ferrite.Await.await;

import io.ferrite.Future;

public class Bad {
    static final String VALUE;

    static {
        VALUE = await(Future.ready("config"));
    }
}
