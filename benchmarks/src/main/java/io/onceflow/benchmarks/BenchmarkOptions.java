package io.onceflow.benchmarks;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options of {@code onceflow benchmark}: the workload, the systems, and where results go. */
public interface BenchmarkOptions extends PipelineOptions {

  @Description(
      "Distinct valid transactions in the main workload; duplicates, malformed and too-late records"
          + " come on top.")
  @Default.Integer(1_000_000)
  int getEvents();

  void setEvents(int events);

  @Description("Number of customers.")
  @Default.Integer(10_000)
  int getWorkloadCustomers();

  void setWorkloadCustomers(int customers);

  @Description("Event time spanned by the workload, in hours.")
  @Default.Integer(48)
  int getWorkloadHours();

  void setWorkloadHours(int hours);

  @Description("Fraction of records sent twice.")
  @Default.Double(0.02)
  double getDuplicates();

  void setDuplicates(double fraction);

  @Description("Fraction of transactions late but within the allowed lateness.")
  @Default.Double(0.05)
  double getLate();

  void setLate(double fraction);

  @Description("Fraction of transactions too late (delivered after their window closed).")
  @Default.Double(0.005)
  double getTooLate();

  void setTooLate(double fraction);

  @Description("Fraction of extra, malformed records.")
  @Default.Double(0.001)
  double getMalformed();

  void setMalformed(double fraction);

  @Description("Seed of the workload generator: the same seed and sizes give the same records.")
  @Default.Long(2026)
  long getWorkloadSeed();

  void setWorkloadSeed(long seed);

  @Description(
      "Event time of the workload's first transaction (ISO instant); empty: the hour that ends the"
          + " span 4 h before the harness starts. It must be recent: the pipeline catches too-late"
          + " records for 7 days after their window closes, and its watermark follows the clock"
          + " once idle.")
  @Default.String("")
  String getWorkloadStart();

  void setWorkloadStart(String start);

  @Description(
      "Systems to run on the main workload, comma-separated: raw-java, direct, flink, spark,"
          + " spark-peer.")
  @Default.String("raw-java,direct,flink,spark,spark-peer")
  String getSystems();

  void setSystems(String systems);

  @Description(
      "Largest workload (distinct transactions) the DirectRunner runs on; with a larger --events"
          + " its row runs a workload of this size, marked in the report. The DirectRunner is"
          + " Beam's local test runner: it scans every key that has a timer each time it looks for"
          + " fired timers, so it slows with the number of customers, and a default-sized run would"
          + " take hours on it.")
  @Default.Integer(50_000)
  int getDirectMaxEvents();

  void setDirectMaxEvents(int events);

  @Description(
      "Workload sizes (distinct transactions) of the scaling chart, comma-separated; empty for"
          + " none.")
  @Default.String("100000,1000000,5000000")
  String getScalingEvents();

  void setScalingEvents(String sizes);

  @Description("Systems of the scaling chart, comma-separated.")
  @Default.String("raw-java,flink")
  String getScalingSystems();

  void setScalingSystems(String systems);

  @Description("Seconds between the pipeline's commits to Iceberg in the onceflow runs.")
  @Default.Integer(5)
  int getPipelineCommitSeconds();

  void setPipelineCommitSeconds(int seconds);

  @Description(
      "Seconds without new input after which the onceflow runs' watermark follows the clock.")
  @Default.Integer(3)
  int getPipelineIdleSeconds();

  void setPipelineIdleSeconds(int seconds);

  @Description(
      "Micro-batch length of the onceflow-spark run, in milliseconds; its state is checkpointed"
          + " once a batch too. Spark's streaming runner visits and re-encodes every key's state in"
          + " every batch, so a batch must be long enough to process the workload's state: a run"
          + " whose batches take longer than this falls further behind the clock with every batch,"
          + " and its processing-time commits wait for the batches to catch up.")
  @Default.Integer(10_000)
  int getSparkBatchIntervalMillis();

  void setSparkBatchIntervalMillis(int millis);

  @Description(
      "Longest a single run may take, in minutes; a run that takes longer is reported as failed.")
  @Default.Integer(45)
  int getRunTimeoutMinutes();

  void setRunTimeoutMinutes(int minutes);

  @Description(
      "Record the onceflow runs with Java Flight Recorder (profile settings) and list their CPU"
          + " hotspots in the report.")
  @Default.Boolean(false)
  boolean getJfr();

  void setJfr(boolean jfr);

  @Description("Working directory: workloads, each run's tables and logs.")
  @Default.String("target/benchmarks")
  String getWorkDir();

  void setWorkDir(String dir);

  @Description("Where BENCHMARKS.md and the charts are written.")
  @Default.String("docs")
  String getReportDir();

  void setReportDir(String dir);
}
