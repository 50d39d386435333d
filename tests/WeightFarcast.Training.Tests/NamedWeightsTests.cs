namespace WeightFarcast.Training.Tests;

public class NamedWeightsTests
{
    [Fact]
    public void Tensor_rejects_values_that_do_not_fill_its_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => new NamedTensor("l1.bias", [256], new float[255]));
        Assert.Contains("'l1.bias'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_reject_a_repeated_name_and_keep_their_order()
    {
        var bias = new NamedTensor("b", [2], [1, 2]);
        var weight = new NamedTensor("w", [1, 2], [3, 4]);
        Assert.Throws<ArgumentException>(() => new NamedWeights([bias, bias]));
        var weights = new NamedWeights([weight, bias]);
        Assert.Equal(["w", "b"], weights.Names);
        Assert.Equal(4, weights.TotalElements);
        Assert.Same(bias, weights.Get("b"));
        Assert.Contains("'x'", Assert.Throws<KeyNotFoundException>(() => weights.Get("x")).Message, StringComparison.Ordinal);
    }
}
