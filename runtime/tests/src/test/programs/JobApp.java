/**
 * A batch application for the runtime tier's jobs block: run by spark-submit in a jobs Job's driver container with
 * the rendered settings (jobs.apps.<name>.mainClass JobApp), it starts its SparkSession, runs one small job and
 * stops, so its event log is closed and the History Server can list the run; with the argument {@code idle} it only
 * starts (its executors are requested) and stops after 20 seconds. Spark is reached by reflection, so
 * the tier compiles this file with the JDK alone and packs it into the application jar.
 */
public class JobApp {
    public static void main(String[] args) throws Exception {
        Class<?> sessionClass = Class.forName("org.apache.spark.sql.SparkSession");
        Object builder = sessionClass.getMethod("builder").invoke(null);
        Object spark = builder.getClass().getMethod("getOrCreate").invoke(builder);
        if (args.length > 0 && args[0].equals("idle")) {
            // against the tier's stand-in API server executors stay Pending: wait while the allocator creates them
            Thread.sleep(20_000);
            System.out.println("JOB-APP IDLE DONE");
            sessionClass.getMethod("stop").invoke(spark);
            return;
        }
        Object range = sessionClass.getMethod("range", long.class).invoke(spark, 1000L);
        Object count = range.getClass().getMethod("count").invoke(range);
        System.out.println("JOB-APP COUNT " + count);
        sessionClass.getMethod("stop").invoke(spark);
    }
}
