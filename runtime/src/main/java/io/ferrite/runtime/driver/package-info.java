/**
 * Internal: the I/O driver (reactor) of a runtime. Not part of Ferrite's API; its public members
 * exist only for {@code io.ferrite.net}, {@code io.ferrite.io} and {@code io.ferrite.fs}, and may
 * change in any release.
 *
 * <p>Entry point: {@link io.ferrite.runtime.driver.IoDriver}, one NIO selector per runtime,
 * owned through {@code Scheduler.service} and closed with the runtime.
 * {@link io.ferrite.runtime.driver.IoRegistration} is one channel's state (its waiters per
 * direction, its interest, closed or not); {@link io.ferrite.runtime.driver.IoFutures} holds the
 * read and write loops every stream shares.
 */
package io.ferrite.runtime.driver;
