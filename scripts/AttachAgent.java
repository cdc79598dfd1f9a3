/**
 * Loads a native agent into a running JVM with its options as they are (jcmd's JVMTI.agent_load splits
 * "key=value" options): how async-profiler (Maven Central, tools.profiler:async-profiler, linux-x64/libasyncProfiler.so
 * inside the jar) is started and stopped around a measured stretch of a running server. Not part of the server.
 *
 *   java scripts/AttachAgent.java <pid> <path to libasyncProfiler.so> start,event=itimer,interval=5ms
 *   java scripts/AttachAgent.java <pid> <path to libasyncProfiler.so> stop,collapsed,file=/tmp/ingest.collapsed
 */
public class AttachAgent {
    public static void main(String[] args) throws Exception {
        var vm = com.sun.tools.attach.VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
