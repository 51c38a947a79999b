/**
 * Ferrite's annotations: {@link io.ferrite.annotations.Async} marks a method the transformer
 * rewrites into a state machine; {@link io.ferrite.annotations.Suppress} silences a warning.
 * Class retention only: nothing here is needed at run time, and the module has no dependency.
 */
module io.ferrite.annotations {
    exports io.ferrite.annotations;
}
