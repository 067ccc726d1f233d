package io.sparkk8s.runtime;

import java.lang.reflect.Method;
import java.util.List;

/**
 * A Spark Connect client program, run in its own JVM with a line's {@code spark-connect-client-jvm} on the class
 * path: connects to {@code args[0]} ({@code sc://…}) and runs each further argument as SQL, printing every row
 * as {@code ROW <row>}. Written against reflection so one source serves the 3.5 client
 * ({@code org.apache.spark.sql.SparkSession}) and the 4.x client ({@code org.apache.spark.sql.connect.SparkSession}).
 */
public final class ConnectQuery {

    private ConnectQuery() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failure) {
            // the client's gRPC threads are not daemons: without an exit a refused client would hang until killed
            Throwable cause = failure instanceof java.lang.reflect.InvocationTargetException t ? t.getCause() : failure;
            cause.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Class<?> session;
        try {
            session = Class.forName("org.apache.spark.sql.connect.SparkSession");
        } catch (ClassNotFoundException spark35) {
            session = Class.forName("org.apache.spark.sql.SparkSession");
        }
        Object builder = session.getMethod("builder").invoke(null);
        builder = builder.getClass().getMethod("remote", String.class).invoke(builder, args[0]);
        Object spark = builder.getClass().getMethod("getOrCreate").invoke(builder);
        Method sql = spark.getClass().getMethod("sql", String.class);
        for (int i = 1; i < args.length; i++) {
            System.out.println("SQL " + args[i]);
            Object frame = sql.invoke(spark, args[i]);
            List<?> rows = (List<?>) frame.getClass().getMethod("collectAsList").invoke(frame);
            for (Object row : rows) {
                System.out.println("ROW " + row);
            }
        }
        spark.getClass().getMethod("close").invoke(spark);
        System.out.println("DONE");
        System.exit(0);
    }
}
