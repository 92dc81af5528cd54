package dev.apex.backends.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.gguf.GgufFile;
import dev.apex.backends.gguf.SyntheticGguf;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryBudgetTest {

  private static final long GB = 1_000_000_000L;
  private static final long GIB = 1L << 30;

  @TempDir Path dir;

  /** A 7B-class model: 28 layers, 4 KV heads of 128 (Qwen2.5-Coder-7B's shape). */
  private static MemoryEstimate sevenB(String file, long modelBytes, int context, long overhead) {
    long kv = 28L * context * 4 * 128 * 2 * 2;
    return new MemoryEstimate(Path.of(file), modelBytes, kv, overhead, context);
  }

  @Test
  void estimate_fromGgufHeader_usesLayersContextKvHeadsAndHeadSize() throws Exception {
    GgufFile file = GgufFile.read(SyntheticGguf.llama(30, 3, 64).writeTo(dir.resolve("m.gguf")));
    MemoryEstimate estimate = MemoryEstimate.of(file, 2048, MemoryEstimate.HOST_OVERHEAD);
    assertThat(estimate.kvCacheBytes()).isEqualTo(30L * 2048 * 3 * 64 * 2 * 2);
    assertThat(estimate.modelBytes()).isEqualTo(file.tensorBytes());
    assertThat(estimate.total())
        .isEqualTo(file.tensorBytes() + estimate.kvCacheBytes() + MemoryEstimate.HOST_OVERHEAD);
  }

  @Test
  void seedMac64Gb_fiveWorkersOf5GbQ4KM_fit() {
    // Metal may use about three quarters of a 64 GB Mac's unified memory.
    MemoryBudget mac = new MemoryBudget(MemoryBudget.Pool.RAM, 48 * GB);
    List<MemoryEstimate> workers = fiveOnTheHost(5 * GB, 16_384);
    FleetFit fit = mac.fleet(workers);
    assertThat(fit.fits()).as(fit.message()).isTrue();
    assertThat(fit.neededBytes())
        .isEqualTo(5 * (5 * GB + 28L * 16_384 * 4 * 128 * 4 + MemoryEstimate.HOST_OVERHEAD));
  }

  @Test
  void seedH100_fiveWorkersOf4Gb_fitInVram() {
    MemoryBudget h100 = new MemoryBudget(MemoryBudget.Pool.VRAM, 79 * GIB);
    List<MemoryEstimate> workers =
        Collections.nCopies(5, sevenB("same.gguf", 4 * GB, 32_768, MemoryEstimate.CUDA_OVERHEAD));
    FleetFit fit = h100.fleet(workers);
    assertThat(fit.fits()).as(fit.message()).isTrue();
    // On a GPU every process holds its own copy, even of the same file.
    assertThat(fit.neededBytes()).isEqualTo(5 * workers.get(0).total());
  }

  @Test
  void ram_sameFileForAllWorkers_isCountedOnce() {
    MemoryBudget ram = new MemoryBudget(MemoryBudget.Pool.RAM, 20 * GB);
    MemoryEstimate one = sevenB("shared.gguf", 5 * GB, 8192, MemoryEstimate.HOST_OVERHEAD);
    FleetFit fit = ram.fleet(Collections.nCopies(5, one));
    assertThat(fit.neededBytes())
        .isEqualTo(5 * GB + 5 * (one.kvCacheBytes() + one.overheadBytes()));
    assertThat(fit.fits()).isTrue();
    assertThat(fit.message()).contains("5 workers need", "each of 1 model files counted once");
  }

  @Test
  void seedMac64Gb_longContexts_doNotFit() {
    MemoryBudget mac = new MemoryBudget(MemoryBudget.Pool.RAM, 48 * GB);
    List<MemoryEstimate> workers = fiveOnTheHost(5 * GB, 131_072);
    FleetFit fit = mac.fleet(workers);
    assertThat(fit.fits()).isFalse();
    assertThat(fit.message())
        .startsWith("5 workers need 60.78 GiB of RAM")
        .contains("44.70 GiB available");
  }

  @Test
  void require_tooBig_refusesWithTheNumbers() {
    MemoryBudget budget = new MemoryBudget(MemoryBudget.Pool.RAM, 4 * GIB);
    MemoryEstimate need =
        new MemoryEstimate(Path.of("/m/big.gguf"), 3 * GIB, GIB, 512L << 20, 8192);
    assertThatThrownBy(() -> budget.require(need))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessage(
            "not enough RAM for big.gguf: model 3.00 GiB + KV cache 1.00 GiB (context 8192)"
                + " + overhead 0.50 GiB = 4.50 GiB > 4.00 GiB available");
    budget.require(need.withoutModel());
  }

  @Test
  void hostParsers_readMeminfoAndVmStat() {
    assertThat(HostMemory.parseMeminfo("MemTotal: 24000000 kB\nMemAvailable:   1000 kB\n"))
        .isEqualTo(1_024_000);
    String vmStat =
        """
        Mach Virtual Memory Statistics: (page size of 16384 bytes)
        Pages free:                               10.
        Pages active:                            500.
        Pages inactive:                           20.
        Pages speculative:                         3.
        Pages purgeable:                           2.
        """;
    assertThat(HostMemory.parseVmStat(vmStat)).isEqualTo(35L * 16384);
    assertThat(HostMemory.availableBytes()).isPositive();
  }

  @Test
  void otherProcessMapping_fileNobodyMaps_isEmpty() throws Exception {
    Path file = SyntheticGguf.llama(1, 1, 8).writeTo(dir.resolve("alone.gguf"));
    assertThat(HostMemory.otherProcessMapping(file)).isEmpty();
  }

  /** Five 7B-shaped host workers, each with a model file of its own. */
  private static List<MemoryEstimate> fiveOnTheHost(long modelBytes, int context) {
    return IntStream.range(0, 5)
        .mapToObj(
            i -> sevenB("role" + i + ".gguf", modelBytes, context, MemoryEstimate.HOST_OVERHEAD))
        .toList();
  }
}
