package org.anchorhold.server.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.conscrypt.AllocatedBuffer;
import org.conscrypt.BufferAllocator;

/**
 * A small shared pool of the direct buffers Conscrypt copies through when Undertow hands it heap
 * buffers. Without one, each engine allocates its own 16 KiB direct buffer, which only a
 * garbage collection frees: with a connection per request, tens of MiB of them stay resident
 * between collections. A buffer is borrowed for the length of one wrap or unwrap call, so a
 * few per I/O thread suffice; a request the pool cannot serve gets a buffer of its own.
 */
final class PooledDirectBuffers extends BufferAllocator {
  /** One TLS record's plaintext (RFC 8446 §5.1: 2^14 bytes) with room for its overhead. */
  static final int SLAB_BYTES = 17 * 1024;
  private final BlockingQueue<ByteBuffer> idle;

  PooledDirectBuffers(int retained) {
    this.idle = new ArrayBlockingQueue<>(retained);
  }

  @Override
  public AllocatedBuffer allocateDirectBuffer(int capacity) {
    if (capacity > SLAB_BYTES) {
      return AllocatedBuffer.wrap(ByteBuffer.allocateDirect(capacity));
    }
    ByteBuffer slab = idle.poll();
    if (slab == null) {
      slab = ByteBuffer.allocateDirect(SLAB_BYTES);
    }
    slab.clear().limit(capacity);
    return new Borrowed(slab);
  }

  /** Number of idle buffers held, for tests. */
  int idleCount() {
    return idle.size();
  }

  private final class Borrowed extends AllocatedBuffer {
    private ByteBuffer slab;

    Borrowed(ByteBuffer slab) {
      this.slab = slab;
    }

    @Override
    public ByteBuffer nioBuffer() {
      return slab;
    }

    @Override
    public AllocatedBuffer release() {
      ByteBuffer returned = slab;
      slab = null;
      if (returned != null) {
        idle.offer(returned);
      }
      return this;
    }
  }
}
