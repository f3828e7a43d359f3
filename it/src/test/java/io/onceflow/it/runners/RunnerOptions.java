package io.onceflow.it.runners;

import io.onceflow.pipelines.RunnerProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Pipeline options for tests: a runner profile as shipped, with test-specific overrides on top. */
final class RunnerOptions {

  private RunnerOptions() {}

  static PipelineOptions fromProfile(String profile, String... overrides) {
    List<String> args = new ArrayList<>(Arrays.asList(overrides));
    return PipelineOptionsFactory.fromArgs(RunnerProfile.load(profile).mergeUnder(args).toArray(new String[0])).create();
  }
}
