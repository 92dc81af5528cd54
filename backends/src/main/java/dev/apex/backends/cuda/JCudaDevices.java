package dev.apex.backends.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** The JCuda driver-API calls behind {@link CudaProbe}; loading this class needs JCuda natives. */
final class JCudaDevices {

  private JCudaDevices() {}

  static CudaProbe list() {
    JCudaDriver.setExceptionsEnabled(false);
    int rc = JCudaDriver.cuInit(0);
    if (rc != CUresult.CUDA_SUCCESS) {
      return CudaProbe.none("cuInit failed: " + CUresult.stringFor(rc));
    }
    int[] count = new int[1];
    check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
    List<CudaDevice> devices = new ArrayList<>();
    for (int i = 0; i < count[0]; i++) {
      devices.add(device(i));
    }
    return CudaProbe.of(devices);
  }

  private static CudaDevice device(int index) {
    CUdevice device = new CUdevice();
    check(JCudaDriver.cuDeviceGet(device, index), "cuDeviceGet");
    byte[] name = new byte[256];
    check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
    int[] major = new int[1];
    int[] minor = new int[1];
    check(
        JCudaDriver.cuDeviceGetAttribute(
            major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device),
        "compute capability");
    check(
        JCudaDriver.cuDeviceGetAttribute(
            minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device),
        "compute capability");
    long[] free = new long[1];
    long[] total = new long[1];
    // Free memory needs a context; the primary one is what llama.cpp will use, so retaining it
    // costs nothing extra later.
    CUcontext context = new CUcontext();
    check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    try {
      check(JCudaDriver.cuCtxPushCurrent(context), "cuCtxPushCurrent");
      check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
      JCudaDriver.cuCtxPopCurrent(new CUcontext());
    } finally {
      JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }
    return new CudaDevice(index, cString(name), major[0], minor[0], total[0], free[0]);
  }

  private static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private static void check(int rc, String call) {
    if (rc != CUresult.CUDA_SUCCESS) {
      throw new IllegalStateException(call + " failed: " + CUresult.stringFor(rc));
    }
  }
}
