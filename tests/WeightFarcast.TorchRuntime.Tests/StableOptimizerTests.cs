using TorchSharp;
using WeightFarcast.TorchRuntime.Optimizers;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Tests;

/// <summary>Our kept-alive-scalar optimizers must follow torch.optim's update rules step for step.</summary>
public class StableOptimizerTests
{
    [Theory]
    [InlineData("adam", 0.0)]
    [InlineData("adam", 0.01)]
    [InlineData("sgd", 0.0)]
    [InlineData("sgd", 0.01)]
    public void Matches_torchsharp_optimizer_over_many_steps(string kind, double weightDecay)
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = randn(64, 5, generator: new Generator(1));
        var y = randn(64, 2, generator: new Generator(2));
        var ours = nn.Parameter(randn(5, 2, generator: new Generator(3)));
        var theirs = nn.Parameter(ours.detach().clone());
        using IStableOptimizer stable = kind == "adam" ? new StableAdam([ours], 0.01, weightDecay: weightDecay) : new StableSgd([ours], 0.05, momentum: 0.9, weightDecay: weightDecay);
        using var reference = kind == "adam"
            ? optim.Adam([theirs], 0.01, weight_decay: weightDecay)
            : (optim.Optimizer)optim.SGD([theirs], 0.05, momentum: 0.9, weight_decay: weightDecay);
        for (var step = 0; step < 50; step++)
        {
            stable.ZeroGrad();
            nn.functional.mse_loss(x.mm(ours), y).backward();
            stable.Step();
            reference.zero_grad();
            nn.functional.mse_loss(x.mm(theirs), y).backward();
            reference.step();
        }
        var difference = (ours - theirs).abs().max().item<float>();
        Assert.True(difference < 1e-5f, $"{kind}: max |ours - torch| = {difference}");
        Assert.True((ours - randn(5, 2, generator: new Generator(3))).abs().max().item<float>() > 1e-2f, "the parameters moved");
    }
}
