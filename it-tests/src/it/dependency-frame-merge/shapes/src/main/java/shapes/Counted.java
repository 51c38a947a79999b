package shapes;

/** Protected state for subclasses in other packages. */
public abstract class Counted {
    protected int count;

    protected String tag() {
        return "tally";
    }
}
