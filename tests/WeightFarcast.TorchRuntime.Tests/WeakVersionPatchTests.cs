using WeightFarcast.TorchRuntime.Elf;

namespace WeightFarcast.TorchRuntime.Tests;

public class WeakVersionPatchTests
{
    [Fact]
    public void Minimal_elf_patch_changes_exactly_the_one_flag_field()
    {
        var original = MinimalElf.WithVersionNeeds(("GLIBCXX_3.4.30", 0), ("GLIBCXX_3.4.32", 0), ("CXXABI_1.3.13", 0));

        var patched = WeakVersionPatch.Apply(original, "mini.so", "GLIBCXX_3.4.32");

        Assert.NotNull(patched);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        var need = ElfVersionNeeds.Read(ElfImage.Parse(original, "mini.so")).Single(n => n.Name == "GLIBCXX_3.4.32");
        Assert.Equal([(int)need.FlagsOffset], differing); // flags 0 -> 2 changes only the low byte
        var after = ElfVersionNeeds.Read(ElfImage.Parse(patched, "mini.so"));
        Assert.True(after.Single(n => n.Name == "GLIBCXX_3.4.32").IsWeak);
        Assert.False(after.Single(n => n.Name == "GLIBCXX_3.4.30").IsWeak);
        Assert.True(WeakVersionPatch.IsExactPatchOf(original, patched, "mini.so", "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Patch_keeps_other_flag_bits_and_leaves_weak_versions_alone()
    {
        var original = MinimalElf.WithVersionNeeds(("GLIBCXX_3.4.32", 0x1));
        var patched = WeakVersionPatch.Apply(original, "mini.so", "GLIBCXX_3.4.32")!;
        Assert.Equal(0x3, ElfVersionNeeds.Read(ElfImage.Parse(patched, "mini.so")).Single().Flags);

        Assert.Null(WeakVersionPatch.Apply(patched, "mini.so", "GLIBCXX_3.4.32"));
        Assert.Null(WeakVersionPatch.Apply(original, "mini.so", "GLIBCXX_9.9"));
    }

    [Fact]
    public void Exact_patch_check_rejects_any_other_difference()
    {
        var original = MinimalElf.WithVersionNeeds(("GLIBCXX_3.4.32", 0));
        var patched = WeakVersionPatch.Apply(original, "mini.so", "GLIBCXX_3.4.32")!;
        var tampered = (byte[])patched.Clone();
        tampered[^1] ^= 0xff;

        Assert.False(WeakVersionPatch.IsExactPatchOf(original, tampered, "mini.so", "GLIBCXX_3.4.32"));
        Assert.False(WeakVersionPatch.IsExactPatchOf(original, original, "mini.so", "GLIBCXX_3.4.32"));
        Assert.False(WeakVersionPatch.IsExactPatchOf(original, patched[..^1], "mini.so", "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Real_libtorchsharp_patch_differs_in_one_two_byte_field()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", NativeBootstrap.LibTorchSharpFile);
        Assert.True(File.Exists(path), $"{path} should be copied by the build");
        var original = File.ReadAllBytes(path);

        var need = ElfVersionNeeds.Read(ElfImage.Parse(original, path)).Single(n => n.Name == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.False(need.IsWeak);
        var patched = WeakVersionPatch.Apply(original, path, "GLIBCXX_3.4.32")!;

        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Single(differing);
        Assert.InRange(differing[0], need.FlagsOffset, need.FlagsOffset + 1);
        Assert.Equal(original.Length, patched.Length);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1 })]
    public void Non_elf_input_gives_a_format_error_naming_the_file(byte[] bytes)
    {
        var padded = bytes.Concat(new byte[64]).ToArray();
        var error = Assert.Throws<ElfFormatException>(() => ElfImage.Parse(padded, "broken.so"));
        Assert.Contains("broken.so", error.Message);
    }

    [Fact]
    public void Section_table_outside_the_file_is_a_clean_error()
    {
        var image = MinimalElf.WithVersionNeeds(("GLIBCXX_3.4.32", 0));
        var truncated = image[..^40];
        Assert.Throws<ElfFormatException>(() => ElfImage.Parse(truncated, "cut.so"));
    }
}
