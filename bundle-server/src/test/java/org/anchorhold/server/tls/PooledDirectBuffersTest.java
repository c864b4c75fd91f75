package org.anchorhold.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.conscrypt.AllocatedBuffer;
import org.junit.jupiter.api.Test;

class PooledDirectBuffersTest {
  private final PooledDirectBuffers pool = new PooledDirectBuffers(2);

  @Test
  void releasedBuffer_isHandedOutAgainClearedToTheRequestedLength() {
    AllocatedBuffer first = pool.allocateDirectBuffer(512);
    ByteBuffer slab = first.nioBuffer();
    slab.put((byte) 1);
    first.release();

    AllocatedBuffer second = pool.allocateDirectBuffer(100);

    assertThat(second.nioBuffer()).isSameAs(slab);
    assertThat(second.nioBuffer().isDirect()).isTrue();
    assertThat(second.nioBuffer().position()).isZero();
    assertThat(second.nioBuffer().limit()).isEqualTo(100);
  }

  @Test
  void releasingTwice_returnsTheBufferOnce() {
    AllocatedBuffer buffer = pool.allocateDirectBuffer(512);

    buffer.release();
    buffer.release();

    assertThat(pool.idleCount()).isEqualTo(1);
  }

  @Test
  void fullPool_dropsFurtherReleasedBuffers() {
    AllocatedBuffer a = pool.allocateDirectBuffer(1);
    AllocatedBuffer b = pool.allocateDirectBuffer(1);
    AllocatedBuffer c = pool.allocateDirectBuffer(1);

    a.release();
    b.release();
    c.release();

    assertThat(pool.idleCount()).isEqualTo(2);
  }

  @Test
  void requestLargerThanASlab_getsABufferOfItsOwnThatIsNotPooled() {
    AllocatedBuffer large = pool.allocateDirectBuffer(PooledDirectBuffers.SLAB_BYTES + 1);

    assertThat(large.nioBuffer().capacity()).isEqualTo(PooledDirectBuffers.SLAB_BYTES + 1);
    large.release();
    assertThat(pool.idleCount()).isZero();
  }
}
