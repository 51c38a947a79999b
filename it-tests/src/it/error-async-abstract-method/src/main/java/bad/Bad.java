package bad;

// @Async belongs on the implementations, which have a body to transform.

import io.ferrite.Future;
import io.ferrite.annotations.Async;

public abstract class Bad {
    @Async
    abstract Future<String> find(int id);
}
