module leaky {
    requires io.ferrite.runtime;
}
