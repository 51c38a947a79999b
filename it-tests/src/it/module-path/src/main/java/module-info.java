module modular.orders {
    requires io.ferrite.runtime;
}
