using System.Diagnostics;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Tests.Support;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Checkpoints.Tests;

/// <summary>Mutates valid files thousands of times: the reader may only return data or throw a CheckpointException.</summary>
public sealed class FuzzTests
{
    [Fact]
    public void Mutated_safetensors_only_ever_yield_data_or_checkpoint_exceptions()
    {
        using var temp = new TempDirectory();
        var valid = File.ReadAllBytes(SafetensorsWriterTests.WriteSample(temp.File("valid.safetensors"), SafetensorsWriterTests.SampleTensors()));
        var headerEnd = 8 + (int)BitConverter.ToUInt64(valid, 0);
        Fuzz(temp, valid, headerEnd, iterations: 2500, seed: 20240601);
    }

    [Fact]
    public void Mutated_pytorch_zips_only_ever_yield_data_or_checkpoint_exceptions()
    {
        using var temp = new TempDirectory();
        var valid = File.ReadAllBytes(RepoPaths.Fixture("pytorch", "state_dict.pt"));
        Fuzz(temp, valid, valid.Length, iterations: 1500, seed: 99);
    }

    private static void Fuzz(TempDirectory temp, byte[] valid, int hotRegion, int iterations, int seed)
    {
        var random = new Random(seed);
        var path = temp.File("mutant" + Path.GetExtension(temp.Path) + ".bin");
        var outcomes = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var mutant = Mutate(valid, hotRegion, random);
            File.WriteAllBytes(path, mutant);
            try
            {
                using var reader = CheckpointReader.Open(path);
                foreach (var tensor in reader.Tensors)
                {
                    var buffer = new float[Math.Min(tensor.ElementCount, 4096)];
                    reader.ReadSingles(tensor.Name, 0, buffer);
                }
                outcomes["read"] = outcomes.GetValueOrDefault("read") + 1;
            }
            catch (CheckpointException e)
            {
                Assert.False(string.IsNullOrEmpty(e.FilePath));
                outcomes["refused"] = outcomes.GetValueOrDefault("refused") + 1;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {clock.Elapsed}");
        Assert.True(outcomes.GetValueOrDefault("refused") > iterations / 10, "mutations should mostly be refused");
    }

    private static byte[] Mutate(byte[] valid, int hotRegion, Random random)
    {
        var bytes = (byte[])valid.Clone();
        switch (random.Next(6))
        {
            case 0: // flip a few bytes in the header / pickle region
                for (var k = random.Next(1, 4); k > 0; k--)
                    bytes[random.Next(hotRegion)] = (byte)random.Next(256);
                return bytes;
            case 1: // replace a byte with a JSON/pickle-significant character
                var specials = "{}[],:\"0123456789-.eE \\"u8.ToArray();
                bytes[random.Next(hotRegion)] = specials[random.Next(specials.Length)];
                return bytes;
            case 2: // truncate
                return bytes[..random.Next(bytes.Length)];
            case 3: // append junk
                return [.. bytes, .. Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256))];
            case 4: // corrupt the length prefix / first bytes
                bytes[random.Next(Math.Min(8, bytes.Length))] = (byte)random.Next(256);
                return bytes;
            default: // flip bits anywhere
                for (var k = random.Next(1, 8); k > 0; k--)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
        }
    }
}
