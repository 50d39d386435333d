using TorchSharp;
using WeightFarcast.TorchRuntime.Optimizers;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Tests;

/// <summary>Our kept-alive-scalar optimizers must follow torch.optim's update rules step for step, also when the
/// learning rate changes between steps (as a schedule does).</summary>
public class StableOptimizerTests
{
    [Theory]
    [InlineData("adam", 0.0, false)]
    [InlineData("adam", 0.01, false)]
    [InlineData("adam", 0.01, true)]
    [InlineData("adamw", 0.0, false)]
    [InlineData("adamw", 0.1, false)]
    [InlineData("adamw", 0.1, true)]
    [InlineData("sgd", 0.0, false)]
    [InlineData("sgd", 0.01, false)]
    [InlineData("sgd", 0.01, true)]
    public void Matches_torchsharp_optimizer_over_many_steps(string kind, double weightDecay, bool changeRate)
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = randn(64, 5, generator: new Generator(1));
        var y = randn(64, 2, generator: new Generator(2));
        var ours = nn.Parameter(randn(5, 2, generator: new Generator(3)));
        var theirs = nn.Parameter(ours.detach().clone());
        using IStableOptimizer stable = kind switch
        {
            "adam" => new StableAdam([ours], 0.01, weightDecay: weightDecay),
            "adamw" => StableAdam.AdamW([ours], 0.01, weightDecay),
            _ => new StableSgd([ours], 0.05, momentum: 0.9, weightDecay: weightDecay),
        };
        using optim.Optimizer reference = kind switch
        {
            "adam" => optim.Adam([theirs], 0.01, weight_decay: weightDecay),
            "adamw" => optim.AdamW([theirs], 0.01, weight_decay: weightDecay),
            _ => optim.SGD([theirs], 0.05, momentum: 0.9, weight_decay: weightDecay),
        };
        for (var step = 0; step < 50; step++)
        {
            if (changeRate)
            {
                var rate = 0.02 * (step + 1) / 50.0;
                stable.LearningRate = rate;
                foreach (var group in reference.ParamGroups)
                    group.LearningRate = rate;
            }
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

    [Fact]
    public void Decoupled_decay_differs_from_adams_l2_decay()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = randn(64, 5, generator: new Generator(1));
        var y = randn(64, 2, generator: new Generator(2));
        var decoupled = nn.Parameter(randn(5, 2, generator: new Generator(3)));
        var coupled = nn.Parameter(decoupled.detach().clone());
        using var adamW = StableAdam.AdamW([decoupled], 0.01, 0.5);
        using var adam = new StableAdam([coupled], 0.01, weightDecay: 0.5);
        for (var step = 0; step < 20; step++)
        {
            adamW.ZeroGrad();
            nn.functional.mse_loss(x.mm(decoupled), y).backward();
            adamW.Step();
            adam.ZeroGrad();
            nn.functional.mse_loss(x.mm(coupled), y).backward();
            adam.Step();
        }
        Assert.True((decoupled - coupled).abs().max().item<float>() > 1e-4f);
    }
}
